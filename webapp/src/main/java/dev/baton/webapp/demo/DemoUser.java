package dev.baton.webapp.demo;

/**
 * A demo account; {@code role} is the name of an account role (REP, MARKETER, TRAINER). Passwords are not part of
 * the demo data: whoever creates the accounts generates them.
 */
public record DemoUser(String username, String displayName, String role) {
}
