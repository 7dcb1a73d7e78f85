package dev.handoff.daemon.store;

import dev.handoff.daemon.store.RunReads.RunQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The query of one page of a suite's runs, newest first. It reads an index backwards from the page's
 * start and stops after the page: (suite, number), or (suite, ref, number) or (suite, result,
 * number) when filtered, so a page costs the same with ten runs as with a hundred thousand.
 *
 * <p>The ORDER BY names the index's leading columns although the WHERE fixes them: H2 only walks
 * an index in order (and stops at the limit) when the ORDER BY lists its columns from the first;
 * with {@code order by number desc} alone it sorts the suite's whole history. PostgreSQL reads it
 * the same either way.
 */
final class RunPage {

    private RunPage() {}

    static PreparedStatement prepare(Connection connection, String suite, RunQuery query) throws SQLException {
        StringBuilder where = new StringBuilder(" where suite = ?");
        List<Object> values = new ArrayList<>(List.of(suite));
        String order = "suite desc, ";
        if (query.ref().isPresent()) {
            where.append(" and ref = ?");
            values.add(query.ref().get());
            order += "ref desc, ";
        }
        if (query.result().isPresent()) {
            where.append(" and result = ?");
            values.add(query.result().get().label());
            order = query.ref().isPresent() ? order : order + "result desc, ";
        }
        if (query.before().isPresent()) {
            where.append(" and number < ?");
            values.add(query.before().getAsLong());
        }
        values.add(query.limit());
        PreparedStatement statement = connection.prepareStatement("select " + RunRows.COLUMNS + " from suite_run"
                + where + " order by " + order + "number desc fetch first ? rows only");
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
        return statement;
    }
}
