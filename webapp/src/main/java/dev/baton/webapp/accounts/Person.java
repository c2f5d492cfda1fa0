package dev.baton.webapp.accounts;

/** Who someone is, as other packages name them: their account's id, user name and display name. */
public record Person(long id, String username, String displayName) {}
