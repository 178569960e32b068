# The orders database.
resource "aws_db_subnet_group" "orders" {
  name       = "orders"
  subnet_ids = var.private_subnets
}

variable "private_subnets" {
  type = list(string)
}

# Checkov CKV_AWS_16: storage_encrypted is false, though the threat model claims encryption.
resource "aws_db_instance" "orders" {
  identifier           = "orders"
  engine               = "postgres"
  instance_class       = "db.t3.micro"
  allocated_storage    = 20
  db_subnet_group_name = aws_db_subnet_group.orders.name
  storage_encrypted    = false
  skip_final_snapshot  = true
}
