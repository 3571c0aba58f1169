package fr.clavardage.emoji;

import fr.clavardage.platform.web.JsonMapperProvider;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.fellbaum.jemoji.Emoji;
import net.fellbaum.jemoji.EmojiGroup;
import net.fellbaum.jemoji.EmojiManager;
import net.fellbaum.jemoji.Qualification;

/**
 * The emoji the picker offers and the {@code :shortcodes:} the composer completes, from the Unicode
 * data that jemoji ships. Built once: the list only changes with the library.
 */
@ApplicationScoped
public class EmojiCatalog {

    public record Entry(String emoji, List<String> names) {
    }

    public record Group(String id, String name, List<Entry> emoji) {
    }

    private volatile List<Group> groups;
    private volatile byte[] json;

    /**
     * The catalogue as JSON, written once: it is the same for everyone (about 120 KB), and every page
     * that opens asks for it.
     */
    public byte[] json() {
        byte[] written = json;
        if (written == null) {
            try {
                written = JsonMapperProvider.mapper().writeValueAsBytes(groups());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("Emoji catalogue not serializable", e);
            }
            json = written;
        }
        return written;
    }

    public List<Group> groups() {
        List<Group> built = groups;
        if (built == null) {
            built = build();
            groups = built;
        }
        return built;
    }

    private static List<Group> build() {
        List<Group> result = new ArrayList<>();
        for (EmojiGroup group : EmojiGroup.getGroups()) {
            if (group == EmojiGroup.COMPONENT) {
                continue;
            }
            List<Entry> entries = EmojiManager.getAllEmojisByGroup(group).stream()
                    // One entry per emoji: skin-tone variants and unqualified forms would only repeat it.
                    .filter(e -> e.getQualification() == Qualification.FULLY_QUALIFIED && !e.hasFitzpatrickComponent())
                    // Unicode's subgroups (smiling faces, then affection...) keep related emoji together.
                    .sorted(Comparator.comparing((Emoji e) -> e.getSubgroup().ordinal())
                            .thenComparing(e -> e.getEmoji().codePointAt(0)))
                    .map(e -> new Entry(e.getEmoji(), names(e)))
                    .filter(e -> !e.names().isEmpty())
                    .toList();
            result.add(new Group(group.name().toLowerCase(Locale.ROOT), group.getName(), entries));
        }
        return List.copyOf(result);
    }

    /** Shortcodes without colons, GitHub's first (the set Mattermost and Slack users know best). */
    private static List<String> names(Emoji emoji) {
        Set<String> names = new LinkedHashSet<>();
        for (List<String> aliases : List.of(emoji.getGithubAliases(), emoji.getSlackAliases(), emoji.getDiscordAliases())) {
            for (String alias : aliases) {
                String name = alias.replace(":", "");
                if (name.matches("[a-z0-9_+-]+")) {
                    names.add(name);
                }
            }
        }
        return List.copyOf(names);
    }
}
