package fr.clavardage.platform.web;

/** Where the API lives under the module's context path: shared by JAX-RS and the stream servlet. */
public final class ApiBase {

    public static final String PATH = "/api/v1";
    /** The event stream: an async servlet, outside JAX-RS. */
    public static final String STREAM = PATH + "/stream";

    private ApiBase() {
    }
}
