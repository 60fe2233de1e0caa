@NullMarked
package io.backchannel.identity.internal;

import org.jspecify.annotations.NullMarked;
