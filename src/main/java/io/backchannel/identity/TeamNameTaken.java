package io.backchannel.identity;

public class TeamNameTaken extends RuntimeException {

    public TeamNameTaken(String name) {
        super("Team name already used: " + name);
    }
}
