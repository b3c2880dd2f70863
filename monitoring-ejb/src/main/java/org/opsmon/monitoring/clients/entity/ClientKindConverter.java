package org.opsmon.monitoring.clients.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

@Converter(autoApply = true)
public class ClientKindConverter implements AttributeConverter<ClientKind, String> {

    @Override
    public String convertToDatabaseColumn(ClientKind kind) {
        return kind == null ? null : kind.code();
    }

    @Override
    public ClientKind convertToEntityAttribute(String value) {
        return value == null ? null : ClientKind.valueOf(value.toUpperCase(Locale.ROOT));
    }
}
