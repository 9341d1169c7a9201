"""The one Logger, Tracer and Metrics of the platform; everything imports them from here."""

from aws_lambda_powertools import Logger, Metrics, Tracer

SERVICE = "interview-platform"

logger = Logger(service=SERVICE)
tracer = Tracer(service=SERVICE)
metrics = Metrics(namespace="InterviewPlatform", service=SERVICE)
