package fr.clavardage.channel;

/** Request bodies of the channel endpoints. */
public final class ChannelRequests {

    private ChannelRequests() {
    }

    public record Create(String displayName, String name, String color, String type, String purpose) {
    }

    /** Only the fields present change. */
    public record Update(String displayName, String name, String color, String purpose) {
    }

    public record AddMember(String userId) {
    }

    /** {@code admin} or {@code member}. */
    public record ChangeRole(String role) {
    }
}
