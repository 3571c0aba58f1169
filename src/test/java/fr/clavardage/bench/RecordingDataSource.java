package fr.clavardage.bench;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Hands the module the pool it would use anyway, and, while recording is on, notes every statement
 * Hibernate prepares with the parameters it binds. The benchmark replays those statements over plain
 * JDBC, which separates the database's share of a call from Hibernate's, with no SQL copied by hand.
 */
final class RecordingDataSource implements DataSource {

    /** A prepared statement as Hibernate issued it: its SQL and the setter calls, in order. */
    record Statement(String sql, List<Binding> bindings) {

        PreparedStatement prepare(Connection connection) throws SQLException {
            PreparedStatement ps = connection.prepareStatement(sql);
            for (Binding binding : bindings) {
                binding.applyTo(ps);
            }
            return ps;
        }

        /** Runs it and reads every column of every row, as Hibernate would. Returns the row count. */
        int run(Connection connection) throws SQLException {
            try (PreparedStatement ps = prepare(connection); ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                int rows = 0;
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        rs.getObject(i);
                    }
                    rows++;
                }
                return rows;
            }
        }

        /** The SQL with its parameter values, for the report. */
        String describe() {
            List<Object> values = bindings.stream()
                    .map(b -> b.method().getName().equals("setNull") ? "null" : b.args()[1]).toList();
            return sql + "  -- parameters " + values;
        }
    }

    /** One {@code setXxx(index, value, ...)} call on a PreparedStatement. */
    record Binding(Method method, Object[] args) {
        void applyTo(PreparedStatement ps) throws SQLException {
            try {
                method.invoke(ps, args);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof SQLException sql) {
                    throw sql;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    private final DataSource target;
    private volatile List<Statement> recording;

    RecordingDataSource(DataSource target) {
        this.target = target;
    }

    DataSource target() {
        return target;
    }

    /** Runs {@code work} and returns the statements it prepared. Single-threaded use only. */
    List<Statement> record(Runnable work) {
        List<Statement> statements = new ArrayList<>();
        recording = statements;
        try {
            work.run();
        } finally {
            recording = null;
        }
        return statements;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(target.getConnection(username, password));
    }

    private Connection wrap(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(connection, method, args);
            List<Statement> statements = recording;
            if (statements != null && method.getName().equals("prepareStatement")
                    && result instanceof PreparedStatement ps) {
                Statement statement = new Statement((String) args[0], new ArrayList<>());
                statements.add(statement);
                return watch(ps, statement);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class}, handler);
    }

    private static PreparedStatement watch(PreparedStatement ps, Statement statement) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
                statement.bindings().add(new Binding(method, args.clone()));
            }
            return invoke(ps, method, args);
        };
        return (PreparedStatement) Proxy.newProxyInstance(RecordingDataSource.class.getClassLoader(),
                new Class<?>[]{PreparedStatement.class}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || target.isWrapperFor(type);
    }
}
