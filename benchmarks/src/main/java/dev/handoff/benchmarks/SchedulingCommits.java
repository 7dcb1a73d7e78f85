package dev.handoff.benchmarks;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Counts the commits and statements that the daemons' scheduling threads make: Quartz's scheduler
 * thread, its workers (where a fire is handled), its cluster and misfire threads. A JDBC driver
 * wraps each registered one (H2, PostgreSQL) for the time of a benchmark, so the daemons' pools,
 * which find their driver by URL, get connections that count; what runs do (other threads) is
 * not counted. Divided by the fires handled, that is what one fire costs the database.
 */
final class SchedulingCommits implements AutoCloseable {

    /** Quartz's worker threads ({@code handoff-schedule-N}) and its own threads (named {@code ..._QuartzSchedulerThread} and so on). */
    private static final Pattern SCHEDULING = Pattern.compile("handoff-schedule-\\d+|.*Quartz.*");

    private static final Set<String> EXECUTES =
            Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch");

    private final List<Driver> originals;
    private final List<Driver> counting;
    private final LongAdder commits = new LongAdder();
    private final LongAdder statements = new LongAdder();

    private SchedulingCommits(List<Driver> originals) throws SQLException {
        this.originals = originals;
        this.counting = originals.stream().<Driver>map(CountingDriver::new).toList();
        for (Driver driver : originals) {
            DriverManager.deregisterDriver(driver);
        }
        for (Driver driver : counting) {
            DriverManager.registerDriver(driver);
        }
    }

    static SchedulingCommits install() {
        try {
            return new SchedulingCommits(Collections.list(DriverManager.getDrivers()));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot wrap the JDBC drivers: " + e.getMessage(), e);
        }
    }

    long commits() {
        return commits.sum();
    }

    long statements() {
        return statements.sum();
    }

    @Override
    public void close() throws SQLException {
        for (Driver driver : counting) {
            DriverManager.deregisterDriver(driver);
        }
        for (Driver driver : originals) {
            DriverManager.registerDriver(driver);
        }
    }

    private static boolean scheduling() {
        return SCHEDULING.matcher(Thread.currentThread().getName()).matches();
    }

    private Object counted(Object target, Class<?> type) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (scheduling()) {
                if (method.getName().equals("commit") && method.getParameterCount() == 0) {
                    commits.increment();
                } else if (EXECUTES.contains(method.getName())) {
                    statements.increment();
                }
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return result instanceof Statement && Statement.class.isAssignableFrom(method.getReturnType())
                    ? counted(result, method.getReturnType())
                    : result;
        };
        return Proxy.newProxyInstance(SchedulingCommits.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private final class CountingDriver implements Driver {

        private final Driver driver;

        CountingDriver(Driver driver) {
            this.driver = driver;
        }

        @Override
        public Connection connect(String url, Properties info) throws SQLException {
            Connection connection = driver.connect(url, info);
            return connection == null ? null : (Connection) counted(connection, Connection.class);
        }

        @Override
        public boolean acceptsURL(String url) throws SQLException {
            return driver.acceptsURL(url);
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
            return driver.getPropertyInfo(url, info);
        }

        @Override
        public int getMajorVersion() {
            return driver.getMajorVersion();
        }

        @Override
        public int getMinorVersion() {
            return driver.getMinorVersion();
        }

        @Override
        public boolean jdbcCompliant() {
            return driver.jdbcCompliant();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return driver.getParentLogger();
        }
    }
}
