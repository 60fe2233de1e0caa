package io.backchannel.system;

import java.util.Optional;
import org.springframework.security.core.Authentication;

/** Turns the secret of a bearer token sent to the JSON API into the authentication of its owner. */
public interface ApiTokenAuthenticator {

    Optional<Authentication> authenticate(String secret);
}
