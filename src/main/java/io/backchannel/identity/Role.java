package io.backchannel.identity;

/** What an account may do. Staff work in teams; admins also manage accounts, teams and tokens. */
public enum Role {
    ADMIN,
    STAFF,
    CUSTOMER;

    public String authority() {
        return "ROLE_" + name();
    }
}
