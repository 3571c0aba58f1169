package fr.clavardage.profile;

public final class ProfileRequests {

    private ProfileRequests() {
    }

    /**
     * Fields left out do not change. {@code nickname} "" clears it; {@code status} is "away", "dnd",
     * "offline" or "online" (which clears a chosen status).
     */
    public record Update(String nickname, String status) {
    }

    /** {@code readingOrder}: "newest_bottom" or "newest_top". */
    public record Preferences(String readingOrder) {
    }
}
