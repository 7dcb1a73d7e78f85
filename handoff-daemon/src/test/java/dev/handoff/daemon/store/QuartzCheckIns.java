package dev.handoff.daemon.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Makes a replica live in Quartz's eyes without a scheduler: the check-in row a clustered Quartz writes. */
final class QuartzCheckIns {

    private QuartzCheckIns() {}

    /** Records that {@code instance} checked in just now, every second. */
    static void checkIn(DataSource dataSource, String instance) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement checkIn = connection.prepareStatement("insert into qrtz_scheduler_state"
                        + " (sched_name, instance_name, last_checkin_time, checkin_interval) values (?, ?, ?, 1000)")) {
            checkIn.setString(1, Replicas.SCHEDULER_NAME);
            checkIn.setString(2, instance);
            checkIn.setLong(3, System.currentTimeMillis());
            checkIn.executeUpdate();
        }
    }
}
