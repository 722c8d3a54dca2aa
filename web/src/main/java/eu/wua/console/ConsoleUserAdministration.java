package eu.wua.console;

import static eu.wua.platform.JsonFactory.JSON;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import eu.wua.platform.AdministrationError;

/**
 * {@code GET /admin/v1/console-users} (the accounts and their sign-in locks) and
 * {@code POST /admin/v1/console-users/{username}/unlock} (platform-api.md): another administrator
 * lifts a lockout before it runs out, and the audit trail records who did.
 */
@Path("admin/v1/console-users")
@Stateless
@RolesAllowed("administrator")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleUserAdministration {

    @Inject
    private ConsoleAccounts accounts;

    @Resource
    private SessionContext session;

    @GET
    public Response list() {
        JsonArrayBuilder users = JSON.createArrayBuilder();
        accounts.accounts().forEach(account -> users.add(json(account)));
        return Response.ok(JSON.createObjectBuilder().add("console_users", users).build().toString()).build();
    }

    @POST
    @Path("{username}/unlock")
    public Response unlock(@PathParam("username") String username) {
        if (!accounts.unlock(username, "user:" + session.getCallerPrincipal().getName())) {
            return AdministrationError.UNKNOWN_CONSOLE_USER.answer("no console user " + username);
        }
        return accounts.accounts().stream().filter(account -> account.username().equals(username)).findFirst()
                .map(account -> Response.ok(json(account).toString()).build())
                .orElseGet(() -> AdministrationError.UNKNOWN_CONSOLE_USER.answer("no console user " + username));
    }

    static JsonObject json(ConsoleAccounts.AccountState account) {
        JsonArrayBuilder roles = JSON.createArrayBuilder();
        account.roles().forEach(role -> roles.add(role.roleName()));
        JsonArrayBuilder sources = JSON.createArrayBuilder();
        account.lockedSources().forEach(sources::add);
        return JSON.createObjectBuilder().add("username", account.username()).add("roles", roles)
                .add("failed_sign_ins_this_hour", account.failedThisHour())
                .add("locked_for_unknown_sources", account.lockedForUnknownSources()).add("locked_sources", sources)
                .add("locked", account.locked()).build();
    }
}
