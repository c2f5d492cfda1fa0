package dev.baton.webapp.accounts;

import java.util.List;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a person does in Baton. One role per account; a role carries the authorities of the roles it includes
 * (an admin can do what a marketer or trainer can, and they can do what a rep can).
 */
public enum Role {
    REP("Rep", "/search"),
    MARKETER("Marketer", "/marketing"),
    TRAINER("Trainer", "/training"),
    ADMIN("Admin", "/admin"),
    /** Compliance, legal or brand: reads the assets submitted for review and approves them or asks for changes. */
    REVIEWER("Reviewer", "/reviews");

    private final String label;
    private final String home;

    Role(String label, String home) {
        this.label = label;
        this.home = home;
    }

    public String label() {
        return label;
    }

    /** The page a person with this role lands on after signing in. */
    public String home() {
        return home;
    }

    /** The roles this role includes, itself first. */
    public Set<Role> includes() {
        return switch (this) {
            case REP -> Set.of(REP);
            case MARKETER -> Set.of(MARKETER, REP);
            case TRAINER -> Set.of(TRAINER, REP);
            case ADMIN -> Set.of(ADMIN, MARKETER, TRAINER, REP);
            // a reviewer is no rep: no search, sharing or deals, only the review queue and what it links to
            case REVIEWER -> Set.of(REVIEWER);
        };
    }

    /**
     * Whether this role manages the library: marketers and admins see drafts, archived and expired assets and old
     * versions, search with {@code scope=all}, import, edit, and answer content requests. Reps and trainers do not.
     */
    public boolean managesContent() {
        return includes().contains(MARKETER);
    }

    /**
     * Whether this role reads the whole library without managing it: content managers, and reviewers, who must see
     * drafts and versions held for review (but cannot change anything).
     */
    public boolean readsAllContent() {
        return managesContent() || this == REVIEWER;
    }

    List<GrantedAuthority> authorities() {
        return includes().stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role.name()))
                .toList();
    }

    static Role parse(String value) {
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return role;
            }
        }
        return null;
    }
}
