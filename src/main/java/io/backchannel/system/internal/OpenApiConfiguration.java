package io.backchannel.system.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API description at {@code /api/openapi.json}: every operation takes an API token as bearer. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI backchannelApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Backchannel API")
                        .version("1")
                        .description(
                                "Create a token under /admin/tokens and send it as 'Authorization: Bearer <token>'. "
                                        + "Errors are RFC 9457 problem documents."))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("An API token (bc_…)")));
    }
}
