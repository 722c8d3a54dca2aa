package eu.wua.console;

import java.util.Set;

/** What a console sign-in attempt came to. */
public sealed interface SignInResult {

    record SignedIn(String username, Set<ConsoleRole> roles) implements SignInResult {
    }

    /** Wrong user name or password; the two are not told apart. */
    record Refused() implements SignInResult {
    }

    /** Too many failures in a row: refused until the lockout ends, whatever the password. */
    record Locked() implements SignInResult {
    }
}
