@NullMarked
package io.backchannel.system.web;

import org.jspecify.annotations.NullMarked;
