package dev.klaxon.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

class PostgresDriverSettingsTests {

    private static HikariDataSource processed(String url) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        PostgresDriverSettings.postgresBatchedInserts().postProcessBeforeInitialization(dataSource, "dataSource");
        return dataSource;
    }

    @Test
    void postgresqlSendsBatchedInsertsAsMultiRowInserts() {
        assertThat(processed("jdbc:postgresql://127.0.0.1:5432/klaxon")
                        .getDataSourceProperties()
                        .getProperty("reWriteBatchedInserts"))
                .isEqualTo("true");
    }

    @Test
    void aSettingInTheUrlWinsAndH2GetsNothingItWouldRefuse() {
        assertThat(processed("jdbc:postgresql://db/klaxon?reWriteBatchedInserts=false")
                        .getDataSourceProperties())
                .isEmpty();
        assertThat(processed("jdbc:h2:mem:klaxon").getDataSourceProperties()).isEmpty();
    }
}
