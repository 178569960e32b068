# The managed WAF in front of the booking site: AWS managed rule groups and bot control.
# @moat mitigation waf
resource "aws_wafv2_web_acl" "booking_site" {
  name  = "booking-site"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "aws-common"
    priority = 1
    override_action {
      none {}
    }
    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesCommonRuleSet"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "aws-common"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "bot-control"
    priority = 2
    override_action {
      none {}
    }
    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesBotControlRuleSet"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "bot-control"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "booking-site"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_association" "booking_site" {
  resource_arn = var.load_balancer_arn
  web_acl_arn  = aws_wafv2_web_acl.booking_site.arn
}
