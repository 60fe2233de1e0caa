@NullMarked
package io.backchannel.listening.internal;

import org.jspecify.annotations.NullMarked;
