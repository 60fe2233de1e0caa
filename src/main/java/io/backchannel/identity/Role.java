package io.backchannel.identity;

/**
 * What an account may do. Staff work in teams; admins also manage accounts, teams and tokens; archivists search and
 * prove the evidence archive.
 */
public enum Role {
    ADMIN,
    STAFF,
    CUSTOMER,
    ARCHIVIST;

    public String authority() {
        return "ROLE_" + name();
    }
}
