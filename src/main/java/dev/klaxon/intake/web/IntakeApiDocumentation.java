package dev.klaxon.intake.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Describes the intake endpoints in the OpenAPI document: they are served by {@link IntakeServlet}, which
 * springdoc does not scan. They authenticate by routing key, so they carry no security requirement.
 */
@Configuration(proxyBeanMethods = false)
class IntakeApiDocumentation {

    private static final String TAG = "intake";

    @Bean
    OpenApiCustomizer intakePaths() {
        return api -> api.path(
                        IntakeServlet.ENQUEUE,
                        post(
                                "enqueueEvent",
                                "PagerDuty Events API v2: trigger, acknowledge or resolve an alert",
                                "The routing key is the events-v2 integration's key. Same fields, limits and answers"
                                        + " as PagerDuty's Events API v2; committed before the 202.",
                                responses("202", "Event processed (body: status, message, dedup_key)")))
                .path(
                        IntakeServlet.CHANGE_ENQUEUE,
                        post(
                                "enqueueChangeEvent",
                                "PagerDuty Events API v2 change event, recorded on the service's timeline",
                                "Same routing key as events; answers like PagerDuty's change events endpoint.",
                                responses("202", "Change event processed")))
                .path(
                        IntakeServlet.ALERTMANAGER + "/{integrationKey}",
                        post(
                                        "receiveAlertmanagerNotification",
                                        "Alertmanager webhook (payload version 4)",
                                        "Each alert is keyed by its fingerprint; status resolved resolves it."
                                                + " Errors are problem details.",
                                        responses("200", "Notification processed")
                                                .addApiResponse("404", new ApiResponse().description("Unknown key"))
                                                .addApiResponse(
                                                        "403", new ApiResponse().description("Integration disabled")))
                                .addParametersItem(new PathParameter()
                                        .name("integrationKey")
                                        .description("The alertmanager integration's key")
                                        .schema(new StringSchema())));
    }

    private static PathItem post(String operationId, String summary, String description, ApiResponses responses) {
        return new PathItem()
                .post(new Operation()
                        .operationId(operationId)
                        .tags(List.of(TAG))
                        .summary(summary)
                        .description(description)
                        .security(List.of(new SecurityRequirement()))
                        .requestBody(new RequestBody()
                                .required(true)
                                .content(new Content()
                                        .addMediaType(
                                                org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                                                new MediaType().schema(new ObjectSchema()))))
                        .responses(responses));
    }

    private static ApiResponses responses(String okStatus, String okDescription) {
        return new ApiResponses()
                .addApiResponse(okStatus, new ApiResponse().description(okDescription))
                .addApiResponse("400", new ApiResponse().description("Invalid event: the message names each field"))
                .addApiResponse("429", new ApiResponse().description("The integration sends faster than its rate"));
    }
}
