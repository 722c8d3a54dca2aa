package eu.wua.console;

/** The console's roles; the wire names are the Jakarta Security role names. */
public enum ConsoleRole {
    ADMINISTRATOR("administrator"),
    CERTIFIER("certifier"),
    COMPLIANCE_OFFICER("compliance-officer"),
    ISSUER_OPERATOR("issuer-operator");

    private final String roleName;

    ConsoleRole(String roleName) {
        this.roleName = roleName;
    }

    public String roleName() {
        return roleName;
    }

    public static ConsoleRole fromRoleName(String name) {
        for (ConsoleRole role : values()) {
            if (role.roleName.equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown console role '" + name + "'");
    }
}
