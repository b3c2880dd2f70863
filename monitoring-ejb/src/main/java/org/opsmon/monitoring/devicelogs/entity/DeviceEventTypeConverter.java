package org.opsmon.monitoring.devicelogs.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores the type by its wire name, which the migration's CHECK constraint lists. */
@Converter(autoApply = true)
public class DeviceEventTypeConverter implements AttributeConverter<DeviceEventType, String> {

    @Override
    public String convertToDatabaseColumn(DeviceEventType type) {
        return type == null ? null : type.wireName();
    }

    @Override
    public DeviceEventType convertToEntityAttribute(String name) {
        return name == null ? null : DeviceEventType.ofWireName(name);
    }
}
