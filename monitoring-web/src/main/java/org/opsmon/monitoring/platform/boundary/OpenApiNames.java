package org.opsmon.monitoring.platform.boundary;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Gives the OpenAPI description the field names the answers have. The generator names schema
 * properties after Java fields and knows nothing of JSON-B's naming strategy, so without this
 * /openapi would promise clientId where the API writes client_id. Registered in
 * microprofile-config.properties (mp.openapi.filter).
 */
public class OpenApiNames implements OASFilter {

    @Override
    public Schema filterSchema(Schema schema) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties != null && !properties.isEmpty()) {
            Map<String, Schema> renamed = new LinkedHashMap<>();
            properties.forEach((name, property) -> renamed.put(JsonNames.SNAKE_CASE.translateName(name), property));
            schema.setProperties(renamed);
        }
        if (schema.getRequired() != null && !schema.getRequired().isEmpty()) {
            schema.setRequired(schema.getRequired().stream().map(JsonNames.SNAKE_CASE::translateName).toList());
        }
        return schema;
    }
}
