package dev.handoff.daemon.store;

import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Binding and reading the column types the store uses, the same way on H2 and PostgreSQL. */
final class Sql {

    /**
     * Failure messages and stack traces longer than this are cut: a megabyte of stack trace would
     * fail the whole batch of attempts it came with, and nobody reads that far.
     */
    static final int MAX_TEXT = 200_000;

    private Sql() {}

    /**
     * In UTC, cut to microseconds (what both databases keep) so that a stored instant is never
     * rounded up past the instant it stands for.
     */
    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(
                    index, OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
        }
    }

    static Optional<Instant> instant(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    static Instant requiredInstant(ResultSet row, String column) throws SQLException {
        return instant(row, column).orElseThrow(() -> new StoreException("column " + column + " is null"));
    }

    /**
     * What stands for U+0000 (NUL) in stored text: PostgreSQL refuses NUL in a text column, and one
     * NUL in a failure message would lose the whole batch of attempts it came with. Replaced by
     * U+2400 (SYMBOL FOR NULL), one visible character, rather than escaped as {@code \0}: an escape
     * would be ambiguous with text that spells a backslash and a zero, and a reader of a failure
     * should see that something unprintable was there. H2 stores it the same way, so that both
     * databases show the same text.
     */
    static final char NUL_SYMBOL = '\u2400';

    /**
     * Null stays null; NUL becomes {@link #NUL_SYMBOL}; long text is cut to {@link #MAX_TEXT} with
     * a note saying how long it was. Every text column that tests write to (test names, failure
     * messages, stack traces) is bound here; logs are stored compressed and spans and values as
     * JSON, where NUL is escaped, so they keep it as it is.
     */
    static void setText(PreparedStatement statement, int index, String text) throws SQLException {
        statement.setString(index, clip(storable(text)));
    }

    /** The text with NUL replaced by {@link #NUL_SYMBOL}, not cut; null stays null. */
    static String storable(String text) {
        return text == null || text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', NUL_SYMBOL);
    }

    /** The parameter marks of an {@code in (...)} list of {@code count} values: "?, ?, ?". */
    static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    static String clip(String text) {
        if (text == null || text.length() <= MAX_TEXT) {
            return text;
        }
        return text.substring(0, MAX_TEXT) + "\n... (cut, " + text.length() + " characters in all)";
    }

    /** Binds the run's unique key: its suite and number. */
    static void setRunId(PreparedStatement statement, int index, RunId id) throws SQLException {
        statement.setString(index, id.suite());
        statement.setLong(index + 1, id.number());
    }
}
