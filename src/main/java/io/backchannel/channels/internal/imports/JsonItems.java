package io.backchannel.channels.internal.imports;

import java.io.IOException;
import java.io.InputStream;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Streams the elements of a JSON array one tree at a time, so that an export of any length fits in little memory. */
final class JsonItems {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonItems() {}

    /** Reads the array the parser stands before (or at), handing each element over with its index. */
    static void each(JsonParser parser, Item each) throws IOException {
        JsonToken token = parser.currentToken() == JsonToken.START_ARRAY ? JsonToken.START_ARRAY : parser.nextToken();
        if (token != JsonToken.START_ARRAY) {
            throw new IOException("expected a JSON array");
        }
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() == null) {
                throw new IOException("the file ends inside the array");
            }
            JsonNode node = MAPPER.readTree(parser);
            each.item(index++, node);
        }
    }

    static JsonParser parser(InputStream in) {
        return MAPPER.createParser(in);
    }

    static JsonNode tree(InputStream in) {
        return MAPPER.readTree(in);
    }

    static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    interface Item {
        void item(int index, JsonNode node) throws IOException;
    }
}
