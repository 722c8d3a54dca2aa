package eu.wua.console;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

/**
 * Console users from the database. The groups it answers are the role names, which
 * {@code glassfish-web.xml} maps one to one onto the application's roles.
 */
@ApplicationScoped
public class ConsoleIdentityStore implements IdentityStore {

    @Inject
    private ConsoleAccounts accounts;

    /** {@code sourceAddress}: where the credential came from, which failures are counted by. */
    public CredentialValidationResult validate(UsernamePasswordCredential credential, String sourceAddress) {
        SignInResult result = accounts.signIn(credential.getCaller(), credential.getPassword().getValue(), sourceAddress);
        if (result instanceof SignInResult.SignedIn signedIn) {
            Set<String> groups = signedIn.roles().stream().map(ConsoleRole::roleName).collect(Collectors.toSet());
            return new CredentialValidationResult(signedIn.username(), groups);
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
