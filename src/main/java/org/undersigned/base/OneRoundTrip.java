package org.undersigned.base;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;

/**
 * Several queries sent to PostgreSQL in one round trip, run one after the other exactly as if
 * they were sent one by one: pgjdbc sends a prepared statement that holds several statements as
 * one message sequence with a single Sync, and the server runs each statement with a snapshot of
 * its own (so a read after a lock that waited sees what the lock's holder committed). Used on the
 * signing steps' hot path, where each round trip costs about as much CPU as a short statement
 * (decision 0074). Runs on the transaction's connection like any other statement of the caller.
 *
 * <p>Every statement must return rows (a {@code SELECT} or a {@code … RETURNING}); named
 * parameters are shared by name across the statements, single values (no lists to expand), and
 * must not be null.
 */
public final class OneRoundTrip {

    private final String sql;
    private final ParsedSql parsed;
    private final String positional;
    private final List<RowMapper<?>> mappers;

    private OneRoundTrip(List<String> statements, List<RowMapper<?>> mappers) {
        this.sql = String.join(";\n", statements);
        this.parsed = NamedParameterUtils.parseSqlStatement(sql);
        // Built once: with single values the placeholders never change.
        this.positional = NamedParameterUtils.substituteNamedParameters(parsed, null);
        this.mappers = List.copyOf(mappers);
    }

    /** The statements, each with the mapper of its rows; build once and keep. */
    public static OneRoundTrip of(String first, RowMapper<?> firstRows, String second, RowMapper<?> secondRows) {
        return new OneRoundTrip(List.of(first, second), List.of(firstRows, secondRows));
    }

    public static OneRoundTrip of(
            String first,
            RowMapper<?> firstRows,
            String second,
            RowMapper<?> secondRows,
            String third,
            RowMapper<?> thirdRows) {
        return new OneRoundTrip(List.of(first, second, third), List.of(firstRows, secondRows, thirdRows));
    }

    /** The rows of each statement, in order. */
    public List<List<?>> run(JdbcOperations jdbc, MapSqlParameterSource params) {
        Object[] values = NamedParameterUtils.buildValueArray(parsed, params, null);
        List<List<?>> results = jdbc.execute((ConnectionCallback<List<List<?>>>) connection -> {
            try (PreparedStatement ps = connection.prepareStatement(positional)) {
                for (int i = 0; i < values.length; i++) {
                    StatementCreatorUtils.setParameterValue(ps, i + 1, SqlTypeValue.TYPE_UNKNOWN, values[i]);
                }
                boolean rows = ps.execute();
                List<List<?>> out = new ArrayList<>(mappers.size());
                for (RowMapper<?> mapper : mappers) {
                    if (!rows) {
                        throw new IncorrectResultSizeDataAccessException("a statement returned no rows: " + sql, 1, 0);
                    }
                    List<Object> mapped = new ArrayList<>(1);
                    try (ResultSet rs = ps.getResultSet()) {
                        int n = 0;
                        while (rs.next()) {
                            mapped.add(mapper.mapRow(rs, n++));
                        }
                    }
                    out.add(mapped);
                    rows = ps.getMoreResults();
                }
                return out;
            }
        });
        if (results == null) {
            throw new IllegalStateException("no result");
        }
        return results;
    }
}
