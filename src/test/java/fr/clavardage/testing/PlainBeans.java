package fr.clavardage.testing;

import fr.clavardage.platform.persistence.DataSources;
import fr.clavardage.platform.persistence.Database;
import fr.clavardage.platform.persistence.Transactions;
import java.lang.reflect.Field;
import javax.sql.DataSource;

/**
 * The module's beans as plain objects, wired by hand, for tests and benchmarks of one repository or
 * service against a real database without starting a container (nor any of the module's threads).
 */
public final class PlainBeans {

    private PlainBeans() {
    }

    /** Sets an {@code @Inject} field the way CDI would. */
    public static <T> T inject(T target, String field, Object value) throws ReflectiveOperationException {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field f = type.getDeclaredField(field);
                f.setAccessible(true);
                f.set(target, value);
                return target;
            } catch (NoSuchFieldException ignored) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(target.getClass().getName() + "." + field);
    }

    /** The module's database (migrated, JPA started) over {@code dataSource}, and transactions on it. */
    public static Transactions transactions(DataSource dataSource) throws ReflectiveOperationException {
        DataSources fixed = new DataSources() {
            @Override
            public synchronized DataSource get() {
                return dataSource;
            }
        };
        Database database = inject(new Database(), "dataSources", fixed);
        return inject(new Transactions(), "database", database);
    }
}
