import Foundation

/// The JSON bodies of `GET /models` and `GET /key`, shaped like OpenRouter's.
extension StubModels {
    /// `{"data":[...]}` with one realistic OpenRouter model object per stub model.
    public static func modelsPayload() -> Data {
        let created = 1_735_689_600  // 2025-01-01, fixed so fixtures stay stable
        let models: [StubJSON] = all.map { model in
            var parameters = ["max_tokens", "temperature", "top_p", "stop", "seed", "tools", "tool_choice"]
            if model.supportsReasoning { parameters += ["reasoning", "include_reasoning"] }
            if model.supportsStructuredOutputs { parameters += ["response_format", "structured_outputs"] }
            var pricing: [(String, StubJSON)] = [
                ("prompt", .string(model.promptPrice)), ("completion", .string(model.completionPrice)),
                ("request", .string("0")), ("image", .string("0")), ("web_search", .string("0")),
                ("internal_reasoning", .string("0")),
            ]
            if model.id == cache { pricing.append(("input_cache_read", .string(cacheReadPrice))) }
            var object: [(String, StubJSON)] = [
                ("id", .string(model.id)), ("canonical_slug", .string(model.id + "-20250101")),
                ("hugging_face_id", .null), ("name", .string(model.name)), ("created", .int(created)),
                ("description", .string(model.summary)), ("context_length", .int(model.contextLength)),
                ("architecture", .object([
                    ("modality", .string("text->text")), ("input_modalities", .array([.string("text")])),
                    ("output_modalities", .array([.string("text")])), ("tokenizer", .string("Other")),
                    ("instruct_type", .null),
                ])),
                ("pricing", .object(pricing)),
                ("top_provider", .object([
                    ("context_length", .int(model.contextLength)),
                    ("max_completion_tokens", .int(model.maxCompletionTokens)), ("is_moderated", .bool(false)),
                ])),
                ("per_request_limits", .null),
                ("supported_parameters", .array(parameters.map(StubJSON.string))),
                ("default_parameters", .null),
            ]
            if model.supportsReasoning {
                object.append(("reasoning", .object([
                    ("supported_efforts", .array(["high", "medium", "low"].map(StubJSON.string))),
                    ("default_effort", .string("medium")), ("default_enabled", .bool(true)),
                    ("mandatory", .bool(false)), ("supports_max_tokens", .bool(true)),
                ])))
            }
            return .object(object)
        }
        return Data(StubJSON.object([("data", .array(models))]).serialized.utf8)
    }

    /// `{"data":{...}}` for `GET /key`: a $10 limit with $7.50 left.
    public static func keyPayload() -> Data {
        let data: StubJSON = .object([
            ("label", .string("sk-or-v1-abc...xyz")), ("limit", .int(10)), ("limit_remaining", .double(7.5)),
            ("limit_reset", .null), ("include_byok_in_limit", .bool(false)),
            ("usage", .double(2.5)), ("usage_daily", .double(0.5)), ("usage_weekly", .double(1.0)),
            ("usage_monthly", .double(2.5)), ("is_free_tier", .bool(false)),
            ("is_provisioning_key", .bool(false)), ("expires_at", .null),
            ("rate_limit", .object([("requests", .int(-1)), ("interval", .string("10s")), ("note", .string("deprecated"))])),
        ])
        return Data(StubJSON.object([("data", data)]).serialized.utf8)
    }
}
