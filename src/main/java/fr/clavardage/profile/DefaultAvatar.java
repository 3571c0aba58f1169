package fr.clavardage.profile;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The picture of a user who has not uploaded one: their initials on a color of their own. */
final class DefaultAvatar {

    private static final String[] BACKGROUNDS = {"#2F80ED", "#27AE60", "#EB5757", "#F2994A", "#9B51E0", "#00A3A3", "#D6338A", "#5D6D7E"};

    private DefaultAvatar() {
    }

    static byte[] svg(String userId, String name) {
        String initials = Arrays.stream(name.strip().split("\\s+"))
                .filter(word -> !word.isEmpty())
                .limit(2)
                .map(word -> word.substring(0, word.offsetByCodePoints(0, 1)).toUpperCase(Locale.ROOT))
                .collect(Collectors.joining());
        String background = BACKGROUNDS[Math.floorMod(userId.hashCode(), BACKGROUNDS.length)];
        String svg = """
                <svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">\
                <rect width="256" height="256" fill="%s"/>\
                <text x="128" y="128" dy=".35em" text-anchor="middle" font-family="sans-serif" font-size="104" \
                fill="#FFFFFF">%s</text></svg>""".formatted(background, escapeXml(initials));
        return svg.getBytes(StandardCharsets.UTF_8);
    }

    private static String escapeXml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
