package dev.statebacked.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The contract's list shape: {@code {"<items>": [...], "cursor"?: "..."}}, no cursor on the last page. */
final class PageResponse {
    private PageResponse() {}

    static ApiResponse of(String itemsField, List<?> items, Optional<String> cursor) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put(itemsField, items);
        cursor.ifPresent(c -> response.put("cursor", c));
        return ApiResponse.json(200, response);
    }
}
