package dev.klaxon.classification.internal;

import dev.klaxon.common.JdbcTime;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Firings of rules and SLOs that have frequency steps. */
@Repository
public class FiringStore {

    private final JdbcClient jdbc;

    FiringStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String ruleKey, Instant at) {
        jdbc.sql("INSERT INTO classification_firings (rule_key, fired_at) VALUES (?, ?)")
                .params(ruleKey, JdbcTime.toDb(at))
                .update();
    }

    /** Firings after {@code since} up to and including {@code until}. */
    public int count(String ruleKey, Instant since, Instant until) {
        return jdbc.sql(
                        "SELECT COUNT(*) FROM classification_firings WHERE rule_key = ? AND fired_at > ? AND fired_at <= ?")
                .params(ruleKey, JdbcTime.toDb(since), JdbcTime.toDb(until))
                .query(Integer.class)
                .single();
    }

    /** Forgets firings no window looks at any more, so the table stays small. */
    public void forgetBefore(String ruleKey, Instant before) {
        jdbc.sql("DELETE FROM classification_firings WHERE rule_key = ? AND fired_at <= ?")
                .params(ruleKey, JdbcTime.toDb(before))
                .update();
    }
}
