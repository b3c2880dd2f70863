package org.opsmon.monitoring.notifications.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a channel type as the API spells it, which is what the column's CHECK allows. */
@Converter
public class ChannelTypeConverter implements AttributeConverter<ChannelType, String> {

    @Override
    public String convertToDatabaseColumn(ChannelType type) {
        return type == null ? null : type.wireName();
    }

    @Override
    public ChannelType convertToEntityAttribute(String name) {
        return name == null ? null : ChannelType.valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
