package fr.clavardage.host;

/** The permissions the module declares in its descriptor. */
public final class Permissions {

    /** Use the chat at all: the API answers 403 to anyone without it. */
    public static final String USE = "clavardage.use";
    /** Rename and recolor any channel, delete any message, edit anyone's profile. */
    public static final String ADMIN = "clavardage.admin";

    private Permissions() {
    }
}
