// A file of its own, not an inline script, so that the page's Content-Security-Policy can forbid inline scripts.
// validatorUrl null: the page never sends the contract to an outside validator.
window.ui = SwaggerUIBundle({ url: "/openapi.yaml", dom_id: "#swagger-ui", validatorUrl: null });
