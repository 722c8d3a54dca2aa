package eu.wua.console;

import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The console accounts and their sign-in locks; an administrator lifts a lock (the console side of {@code /admin/v1/console-users}). */
@Named
@ViewScoped
public class AccountsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private ConsoleAccounts accounts;

    @Inject
    private ConsoleGuard guard;

    public List<ConsoleAccounts.AccountState> getAccounts() {
        return accounts.accounts();
    }

    public String roles(ConsoleAccounts.AccountState account) {
        return account.roles().stream().map(ConsoleRole::roleName).sorted().collect(Collectors.joining(", "));
    }

    public String locks(ConsoleAccounts.AccountState account) {
        String sources = account.lockedSources().isEmpty() ? "" : "from " + String.join(", ", account.lockedSources());
        String wide = account.lockedForUnknownSources() ? "for unknown sources" : "";
        return sources.isEmpty() || wide.isEmpty() ? sources + wide : sources + "; " + wide;
    }

    public void unlock(String username) {
        if (!guard.permits("unlock a console account", ConsoleRole.ADMINISTRATOR)) {
            return;
        }
        if (accounts.unlock(username, guard.actor())) {
            guard.info("Account unlocked", username + " can sign in again from every source.");
        } else {
            guard.error("Not unlocked", "there is no console user " + username);
        }
    }
}
