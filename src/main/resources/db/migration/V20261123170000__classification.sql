-- Classification definitions (module: classification). Each change is a new immutable version; incidents
-- keep the version they were classified under.
CREATE TABLE classification_versions (
    version    INTEGER PRIMARY KEY,
    definition VARCHAR(1048576) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by VARCHAR(200) NOT NULL
);
