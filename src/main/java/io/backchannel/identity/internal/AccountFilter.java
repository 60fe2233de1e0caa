package io.backchannel.identity.internal;

import io.backchannel.identity.Role;
import io.backchannel.system.SqlText;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The filters of the account list: free text over name and e-mail, a role, and a status (active, locked,
 * unconfirmed). Builds its own SQL condition with bound parameters only.
 */
public record AccountFilter(String text, @Nullable Role role, @Nullable Status status) {

    public enum Status {
        ACTIVE,
        LOCKED,
        UNCONFIRMED
    }

    String where() {
        var conditions = new ArrayList<String>();
        if (!text.isBlank()) {
            conditions.add("(a.email ilike ? or a.display_name ilike ?)");
        }
        if (role != null) {
            conditions.add("exists (select 1 from identity_account_role f where f.account_id = a.id and f.role = ?)");
        }
        if (status != null) {
            conditions.add(
                    switch (status) {
                        case ACTIVE -> "(not a.locked and a.email_verified_at is not null)";
                        case LOCKED -> "a.locked";
                        case UNCONFIRMED -> "a.email_verified_at is null";
                    });
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    List<Object> parameters() {
        var parameters = new ArrayList<Object>();
        if (!text.isBlank()) {
            String like = SqlText.containing(text);
            parameters.add(like);
            parameters.add(like);
        }
        if (role != null) {
            parameters.add(role.name());
        }
        return parameters;
    }
}
