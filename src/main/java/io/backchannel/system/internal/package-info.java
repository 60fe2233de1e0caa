@NullMarked
package io.backchannel.system.internal;

import org.jspecify.annotations.NullMarked;
