package dev.handoff.samples.sut;

import java.util.LinkedHashMap;
import java.util.Map;

/** An order as the shop stores and returns it. */
public record Order(long id, String customer, String item, int quantity, String status) {

    /** The order's JSON representation, as {@code GET /orders/{id}} returns it. */
    public String toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("customer", customer);
        fields.put("item", item);
        fields.put("quantity", quantity);
        fields.put("status", status);
        return Json.write(fields);
    }
}
