// Swagger UI from the local swagger-ui-dist bundle: the OpenAPI docs at /docs.
import SwaggerUIBundle from "swagger-ui-dist/swagger-ui-es-bundle.js";
import "swagger-ui-dist/swagger-ui.css";

// validatorUrl: null keeps Swagger UI from calling validator.swagger.io.
SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true, validatorUrl: null });
