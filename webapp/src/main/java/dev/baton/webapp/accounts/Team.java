package dev.baton.webapp.accounts;

import java.util.List;

/**
 * A team of users, as admins keep it and reports and packs read it ({@link AccountDirectory#teams()}).
 *
 * @param members the members, by display name
 */
public record Team(long id, String name, List<Person> members) {

    public Team {
        members = List.copyOf(members);
    }

    /** The members' account ids, in the order of {@link #members()}. */
    public List<Long> memberIds() {
        return members.stream().map(Person::id).toList();
    }

    /** A team named without its members: what a person is in ({@link AccountDirectory#teamsOf}). */
    public record Ref(long id, String name) {}
}
