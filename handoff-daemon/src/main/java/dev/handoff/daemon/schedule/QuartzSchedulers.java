package dev.handoff.daemon.schedule;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.handoff.daemon.config.Cluster;
import dev.handoff.daemon.store.Replicas;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Makes a Quartz scheduler whose JDBC job store (JobStoreTX) works on the daemon's own database and
 * tables, through a pool of its own (see {@link #pool}).
 *
 * <p>Quartz looks its data sources up by name in a JVM-wide {@link DBConnectionManager}, and
 * schedulers by name in a JVM-wide {@link SchedulerRepository}. The scheduler's name must stay
 * {@value #SCHEDULER_NAME}, since it is part of every row's key; so that several daemons can live
 * in one JVM (tests, library mode), each gets a data source name of its own, and its scheduler is
 * taken out of the repository as soon as it is made.
 */
final class QuartzSchedulers {

    static final String SCHEDULER_NAME = Replicas.SCHEDULER_NAME;
    /**
     * How often a replica of a cluster tells the others it is alive. Quartz takes a replica for
     * dead when it missed this plus 7.5 s, then fires its triggers elsewhere and deletes its row,
     * which is also when its runs go back to the queue (see {@link Replicas}).
     */
    static final long CLUSTER_CHECKIN_MILLIS = 1000;
    /**
     * How long a replica's Quartz waits before it tries the database again after a failure
     * (Quartz's default is 15 s): after an outage, every replica checks in within this, so that
     * the others see it alive again (see {@code RunDispatcher.OUTAGE_QUIET}).
     */
    static final long DB_RETRY_MILLIS = 2000;
    /**
     * The most triggers Quartz's scheduler thread takes per pass
     * ({@code batchTriggerAcquisitionMaxCount}, default 1), and at most as many as {@link
     * FireThreads} has free workers. A pass costs two transactions (acquire, mark fired) whatever
     * its size, and the scheduler thread does every pass alone: in passes of 16, a thousand
     * schedules due in the same second went in 63 passes one after the other, and their last fires
     * started four seconds late on a quiet machine. In one pass, taken ahead of time, only marking
     * them fired is left when they are due.
     */
    static final int BATCH = FireThreads.LIMIT;
    /**
     * Quartz's own connections: its scheduler thread, its misfire or cluster handler, and workers
     * ending their fires (a one-row delete each, see {@link ScheduleJobStore}).
     */
    static final int CONNECTIONS = 18;
    /**
     * How much earlier than due Quartz may hand out triggers it takes in one pass together with the
     * first ({@code batchTriggerAcquisitionFireAheadTimeWindow}). With 20 ms, schedules spread
     * over the second made passes of two or three triggers; with a quarter of a second a pass is
     * full. A fire handed out early waits for its time on its worker ({@link ScheduleFiring}), so
     * none starts early.
     */
    static final long FIRE_AHEAD_MILLIS = 250;
    /**
     * A fire later than this is a misfire, handled by the trigger's instruction (fire once now)
     * rather than fired late: after downtime a schedule fires once instead of once per missed tick.
     * It was 1 s, as long as the shortest interval: a fire that a busy machine delayed by just over
     * a second then lost its tick (an interval trigger starts over from the catch-up fire). A few
     * seconds of delay (a GC pause, a load spike) now only make fires late, while a restart or a
     * dead replica (found after about 9 s) still gets one catch-up fire.
     */
    static final long MISFIRE_THRESHOLD_MILLIS = 5000;

    private static final AtomicInteger DATA_SOURCES = new AtomicInteger();

    private QuartzSchedulers() {}

    /**
     * @param cluster this daemon's id (unique per start), and whether other daemons share the
     *     database: then Quartz's clustered job store makes each fire happen on exactly one of them,
     *     and takes over the fires of a dead one
     */
    static Scheduler create(DataSource dataSource, String jdbcUrl, Cluster cluster) {
        String dataSourceName = "handoff-" + DATA_SOURCES.incrementAndGet();
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, pool(dataSource));
        Properties properties = new Properties();
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, SCHEDULER_NAME);
        properties.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, FireThreads.class.getName());
        // Quartz takes one due trigger per pass (two transactions each) unless told otherwise: with a
        // hundred schedules due in the same second, the last ones would start late.
        properties.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(BATCH));
        properties.setProperty(
                "org.quartz.scheduler.batchTriggerAcquisitionFireAheadTimeWindow", Long.toString(FIRE_AHEAD_MILLIS));
        properties.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, ScheduleJobStore.class.getName());
        properties.setProperty(
                "org.quartz.jobStore.driverDelegateClass",
                jdbcUrl.startsWith("jdbc:postgresql:")
                        ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
                        : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        properties.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        properties.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        // Job data as text properties, never Java-serialized: Helidon installs a JVM-wide
        // deserialization filter that rejects Quartz's serialized JobDataMap, and the daemon's jobs
        // carry no data anyway (a schedule's name is its job's key).
        properties.setProperty("org.quartz.jobStore.useProperties", "true");
        properties.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(MISFIRE_THRESHOLD_MILLIS));
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, cluster.instanceId());
        if (cluster.hasReplicas()) {
            properties.setProperty("org.quartz.jobStore.isClustered", "true");
            properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(CLUSTER_CHECKIN_MILLIS));
            properties.setProperty("org.quartz.jobStore.dbRetryInterval", Long.toString(DB_RETRY_MILLIS));
            // Batches of due triggers (above) must be taken under the cluster's lock, or two
            // replicas could take the same trigger (Quartz's documentation of the property).
            properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        }
        synchronized (QuartzSchedulers.class) {
            try {
                Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
                SchedulerRepository.getInstance().remove(SCHEDULER_NAME);
                return scheduler;
            } catch (SchedulerException e) {
                throw new IllegalStateException("cannot set up the scheduler: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Quartz's connections: a pool of its own on the daemon's database, of {@link #CONNECTIONS}
     * (workers hold one only to end their fires: fires are recorded on the daemon's pool, and the
     * workers of a batch that wait for their time hold none). On the daemon's pool, which runs
     * share, the scheduler thread waited up to a quarter of a second for a connection while fires
     * were due. Any other data source (not made by the daemon) is used as it is.
     */
    static ConnectionProvider pool(DataSource dataSource) {
        if (!(dataSource instanceof HikariDataSource daemonPool)) {
            return new PoolProvider(dataSource, false);
        }
        HikariConfig config = new HikariConfig();
        daemonPool.copyStateTo(config);
        config.setPoolName(daemonPool.getPoolName() + "-schedules");
        config.setMaximumPoolSize(CONNECTIONS);
        config.setMinimumIdle(2);
        return new PoolProvider(new HikariDataSource(config), true);
    }

    /** @param owned whether Quartz's shutdown closes it (a pool made for Quartz) */
    private record PoolProvider(DataSource dataSource, boolean owned) implements ConnectionProvider {

        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            if (owned && dataSource instanceof HikariDataSource pool) {
                pool.close();
            }
        }

        @Override
        public void initialize() {}
    }
}
