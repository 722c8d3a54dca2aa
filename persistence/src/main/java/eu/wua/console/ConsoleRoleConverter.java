package eu.wua.console;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a role under its role name, the value the schema's check constraint allows. */
@Converter
public class ConsoleRoleConverter implements AttributeConverter<ConsoleRole, String> {

    @Override
    public String convertToDatabaseColumn(ConsoleRole role) {
        return role == null ? null : role.roleName();
    }

    @Override
    public ConsoleRole convertToEntityAttribute(String name) {
        return name == null ? null : ConsoleRole.fromRoleName(name);
    }
}
