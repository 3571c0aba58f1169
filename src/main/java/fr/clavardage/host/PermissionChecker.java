package fr.clavardage.host;

/** Host SPI: does a user hold a permission declared in {@code module-descriptor.xml}. */
public interface PermissionChecker {

    boolean hasPermission(String userId, String permission);
}
