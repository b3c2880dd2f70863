package org.opsmon.monitoring.alerts.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a comparison as the symbol the API and the schema's check constraint use. */
@Converter(autoApply = true)
public class ComparisonConverter implements AttributeConverter<Comparison, String> {

    @Override
    public String convertToDatabaseColumn(Comparison comparison) {
        return comparison == null ? null : comparison.symbol();
    }

    @Override
    public Comparison convertToEntityAttribute(String symbol) {
        return symbol == null ? null : Comparison.of(symbol);
    }
}
