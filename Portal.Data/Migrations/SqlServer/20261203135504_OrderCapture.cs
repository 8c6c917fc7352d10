using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class OrderCapture : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Sales_OrganizationId_StoreId_StoreOrderNumber",
                table: "Sales");

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "WebhookInbox",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ClaimedBy",
                table: "WebhookInbox",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClaimedUntilUtc",
                table: "WebhookInbox",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "WebhookInbox",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OrdersPolledUntilUtc",
                table: "Stores",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StoreAddress",
                table: "Sales",
                type: "nvarchar(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "WooOrderId",
                table: "Sales",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OrderLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OrganizationId = table.Column<int>(type: "int", nullable: false),
                    StoreId = table.Column<int>(type: "int", nullable: false),
                    WooOrderId = table.Column<long>(type: "bigint", nullable: false),
                    OrderNumber = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    WooStatus = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    CustomerName = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    OrderedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LoggedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    StoreModifiedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    PendingOrderId = table.Column<int>(type: "int", nullable: true),
                    SaleId = table.Column<int>(type: "int", nullable: true),
                    ChangesAfterCapture = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Note = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrderLog", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrderLog_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OrderLog_Stores_StoreId",
                        column: x => x.StoreId,
                        principalTable: "Stores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PendingOrders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OrganizationId = table.Column<int>(type: "int", nullable: false),
                    StoreId = table.Column<int>(type: "int", nullable: false),
                    WooOrderId = table.Column<long>(type: "bigint", nullable: false),
                    OrderNumber = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Problem = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    WooStatus = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    OrderedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CapturedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    WooCustomerId = table.Column<long>(type: "bigint", nullable: true),
                    CustomerName = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    Company = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    Email = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Phone = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    CustomerNote = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    LocationId = table.Column<int>(type: "int", nullable: true),
                    Total = table.Column<long>(type: "bigint", nullable: false),
                    TotalTax = table.Column<long>(type: "bigint", nullable: false),
                    ShippingTotal = table.Column<long>(type: "bigint", nullable: false),
                    DiscountTotal = table.Column<long>(type: "bigint", nullable: false),
                    PaymentMethod = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    OrderJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BillingAddress_City = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    BillingAddress_Country = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    BillingAddress_Line1 = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    BillingAddress_Line2 = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    BillingAddress_Postcode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    BillingAddress_State = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    ShippingAddress_City = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    ShippingAddress_Country = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    ShippingAddress_Line1 = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    ShippingAddress_Line2 = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    ShippingAddress_Postcode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    ShippingAddress_State = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingOrders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PendingOrders_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PendingOrders_Stores_StoreId",
                        column: x => x.StoreId,
                        principalTable: "Stores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PendingOrderCoupons",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Code = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Discount = table.Column<long>(type: "bigint", nullable: false),
                    DiscountTax = table.Column<long>(type: "bigint", nullable: false),
                    PendingOrderId = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingOrderCoupons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PendingOrderCoupons_PendingOrders_PendingOrderId",
                        column: x => x.PendingOrderId,
                        principalTable: "PendingOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PendingOrderLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    WooLineId = table.Column<long>(type: "bigint", nullable: false),
                    ProductId = table.Column<int>(type: "int", nullable: true),
                    TakesStock = table.Column<bool>(type: "bit", nullable: false),
                    Sku = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Name = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    Quantity = table.Column<long>(type: "bigint", nullable: false),
                    Price = table.Column<long>(type: "bigint", nullable: false),
                    Subtotal = table.Column<long>(type: "bigint", nullable: false),
                    Total = table.Column<long>(type: "bigint", nullable: false),
                    TotalTax = table.Column<long>(type: "bigint", nullable: false),
                    TaxClass = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    PendingOrderId = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingOrderLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PendingOrderLines_PendingOrders_PendingOrderId",
                        column: x => x.PendingOrderId,
                        principalTable: "PendingOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PendingOrderPayments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    PaidAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Method = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    MethodTitle = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    TransactionId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    PendingOrderId = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingOrderPayments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PendingOrderPayments_PendingOrders_PendingOrderId",
                        column: x => x.PendingOrderId,
                        principalTable: "PendingOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PendingOrderLineTaxes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RateId = table.Column<long>(type: "bigint", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    PendingOrderLineId = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingOrderLineTaxes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PendingOrderLineTaxes_PendingOrderLines_PendingOrderLineId",
                        column: x => x.PendingOrderLineId,
                        principalTable: "PendingOrderLines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookInbox_ProcessedAtUtc_Id",
                table: "WebhookInbox",
                columns: new[] { "ProcessedAtUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Sales_OrganizationId_StoreAddress_WooOrderId",
                table: "Sales",
                columns: new[] { "OrganizationId", "StoreAddress", "WooOrderId" });

            migrationBuilder.CreateIndex(
                name: "IX_Sales_OrganizationId_StoreId_StoreOrderNumber",
                table: "Sales",
                columns: new[] { "OrganizationId", "StoreId", "StoreOrderNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_OrderLog_OrganizationId",
                table: "OrderLog",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_OrderLog_StoreId_OrderedAtUtc",
                table: "OrderLog",
                columns: new[] { "StoreId", "OrderedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_OrderLog_StoreId_OrderNumber",
                table: "OrderLog",
                columns: new[] { "StoreId", "OrderNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_OrderLog_StoreId_Status_OrderNumber",
                table: "OrderLog",
                columns: new[] { "StoreId", "Status", "OrderNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_OrderLog_StoreId_WooOrderId",
                table: "OrderLog",
                columns: new[] { "StoreId", "WooOrderId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PendingOrderCoupons_PendingOrderId",
                table: "PendingOrderCoupons",
                column: "PendingOrderId");

            migrationBuilder.CreateIndex(
                name: "IX_PendingOrderLines_PendingOrderId",
                table: "PendingOrderLines",
                column: "PendingOrderId");

            migrationBuilder.CreateIndex(
                name: "IX_PendingOrderLineTaxes_PendingOrderLineId",
                table: "PendingOrderLineTaxes",
                column: "PendingOrderLineId");

            migrationBuilder.CreateIndex(
                name: "IX_PendingOrderPayments_PendingOrderId",
                table: "PendingOrderPayments",
                column: "PendingOrderId");

            migrationBuilder.CreateIndex(
                name: "IX_PendingOrders_OrganizationId",
                table: "PendingOrders",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_PendingOrders_StoreId_Status",
                table: "PendingOrders",
                columns: new[] { "StoreId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_PendingOrders_StoreId_WooOrderId",
                table: "PendingOrders",
                columns: new[] { "StoreId", "WooOrderId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OrderLog");

            migrationBuilder.DropTable(
                name: "PendingOrderCoupons");

            migrationBuilder.DropTable(
                name: "PendingOrderLineTaxes");

            migrationBuilder.DropTable(
                name: "PendingOrderPayments");

            migrationBuilder.DropTable(
                name: "PendingOrderLines");

            migrationBuilder.DropTable(
                name: "PendingOrders");

            migrationBuilder.DropIndex(
                name: "IX_WebhookInbox_ProcessedAtUtc_Id",
                table: "WebhookInbox");

            migrationBuilder.DropIndex(
                name: "IX_Sales_OrganizationId_StoreAddress_WooOrderId",
                table: "Sales");

            migrationBuilder.DropIndex(
                name: "IX_Sales_OrganizationId_StoreId_StoreOrderNumber",
                table: "Sales");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "WebhookInbox");

            migrationBuilder.DropColumn(
                name: "ClaimedBy",
                table: "WebhookInbox");

            migrationBuilder.DropColumn(
                name: "ClaimedUntilUtc",
                table: "WebhookInbox");

            migrationBuilder.DropColumn(
                name: "LastError",
                table: "WebhookInbox");

            migrationBuilder.DropColumn(
                name: "OrdersPolledUntilUtc",
                table: "Stores");

            migrationBuilder.DropColumn(
                name: "StoreAddress",
                table: "Sales");

            migrationBuilder.DropColumn(
                name: "WooOrderId",
                table: "Sales");

            migrationBuilder.CreateIndex(
                name: "IX_Sales_OrganizationId_StoreId_StoreOrderNumber",
                table: "Sales",
                columns: new[] { "OrganizationId", "StoreId", "StoreOrderNumber" },
                unique: true,
                filter: "[StoreId] IS NOT NULL AND [StoreOrderNumber] IS NOT NULL");
        }
    }
}
