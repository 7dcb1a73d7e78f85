package dev.handoff.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restart skips Flyway only when the database has exactly this jar's migrations, all successful. */
class MigrationsAppliedTests {

    @TempDir
    Path dataDir;

    private final ClassLoader loader = Database.class.getClassLoader();

    @Test
    void aMigratedDatabaseIsUpToDate() {
        try (Database database = Database.open(dataDir)) {
            assertThat(MigrationsApplied.upToDate(database.dataSource(), loader, Database.JAVA_MIGRATIONS))
                    .isTrue();
        }
    }

    @Test
    void theScriptsAndTheJavaMigrationsAreWhatFlywayApplied() {
        try (Database database = Database.open(dataDir)) {
            assertThat(MigrationsApplied.applied(database.dataSource()).orElseThrow())
                    .containsAll(Database.JAVA_MIGRATIONS)
                    .containsAll(MigrationsApplied.bundledVersions(loader).orElseThrow())
                    .contains("1", "5.1", "5.2", "12");
        }
    }

    @Test
    void scriptsInAJarAreFound() throws Exception {
        Path jar = dataDir.resolve("migrations.jar");
        try (java.util.jar.JarOutputStream out =
                new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(jar))) {
            for (String name : List.of(
                    "db/",
                    "db/migration/",
                    "db/migration/V1__runs.sql",
                    "db/migration/V5_2__key.sql",
                    "db/other.sql")) {
                out.putNextEntry(new java.util.jar.JarEntry(name));
                out.closeEntry();
            }
        }
        try (java.net.URLClassLoader loader =
                new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, null)) {
            assertThat(MigrationsApplied.bundledVersions(loader)).contains(java.util.Set.of("1", "5.2"));
        }
    }

    @Test
    void anEmptyDatabaseIsNot() {
        JdbcDataSource empty = new JdbcDataSource();
        empty.setURL("jdbc:h2:" + dataDir.resolve("empty"));

        assertThat(MigrationsApplied.upToDate(empty, loader, Database.JAVA_MIGRATIONS))
                .isFalse();
    }

    @Test
    void aMissingMigrationIsAppliedAtTheNextOpen() throws SQLException {
        try (Database database = Database.open(dataDir)) {
            // The newest migration (Flyway applies a missing one only in order): V19, test_outcome by run.
            execute(database, "delete from \"flyway_schema_history\" where \"version\" = '19'");
            execute(database, "alter table test_outcome drop constraint test_outcome_run_fk");
            execute(database, "drop index test_outcome_run");
            execute(
                    database,
                    "alter table test_outcome add constraint test_outcome_key primary key (run_id, test_key)");
            execute(database, "alter table test_outcome add foreign key (run_id) references suite_run (id)");
            execute(database, "create index test_outcome_by_suite on test_outcome (suite, run_number)");
            execute(database, "create index test_outcome_by_test on test_outcome (suite, test_key, run_number)");
            assertThat(MigrationsApplied.upToDate(database.dataSource(), loader, Database.JAVA_MIGRATIONS))
                    .isFalse();
        }

        try (Database reopened = Database.open(dataDir)) {
            assertThat(MigrationsApplied.upToDate(reopened.dataSource(), loader, Database.JAVA_MIGRATIONS))
                    .isTrue();
            // V19 again: the rows are found by run, and by nothing else.
            assertThat(indexes(reopened, "TEST_OUTCOME")).containsExactly("TEST_OUTCOME_RUN");
        }
    }

    private static java.util.List<String> indexes(Database database, String table) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                java.sql.PreparedStatement query = connection.prepareStatement("select index_name from"
                        + " information_schema.indexes where table_name = ? order by index_name")) {
            query.setString(1, table);
            java.util.List<String> names = new java.util.ArrayList<>();
            try (java.sql.ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    names.add(row.getString(1));
                }
            }
            return names;
        }
    }

    @Test
    void aFailedMigrationIsNotUpToDate() throws SQLException {
        try (Database database = Database.open(dataDir)) {
            execute(database, "update \"flyway_schema_history\" set \"success\" = false where \"version\" = '12'");

            assertThat(MigrationsApplied.upToDate(database.dataSource(), loader, Database.JAVA_MIGRATIONS))
                    .isFalse();
        }
    }

    private static void execute(Database database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
