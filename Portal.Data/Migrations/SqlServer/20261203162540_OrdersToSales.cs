using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class OrdersToSales : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Sales_OrganizationId_StoreAddress_WooOrderId",
                table: "Sales");

            migrationBuilder.AddColumn<string>(
                name: "StoreTotalsWarning",
                table: "Sales",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ConsolidationRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OrganizationId = table.Column<int>(type: "int", nullable: false),
                    StoreId = table.Column<int>(type: "int", nullable: false),
                    LocalDate = table.Column<DateOnly>(type: "date", nullable: false),
                    DueAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RanAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    SaleId = table.Column<int>(type: "int", nullable: true),
                    OrderCount = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsolidationRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsolidationRuns_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ConsolidationRuns_Stores_StoreId",
                        column: x => x.StoreId,
                        principalTable: "Stores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SaleHeldPayments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OrganizationId = table.Column<int>(type: "int", nullable: false),
                    SaleId = table.Column<int>(type: "int", nullable: false),
                    AccountId = table.Column<int>(type: "int", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    PaidAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Reference = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    AppliedAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SaleHeldPayments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SaleHeldPayments_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SaleHeldPayments_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SaleHeldPayments_Sales_SaleId",
                        column: x => x.SaleId,
                        principalTable: "Sales",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Sales_OrganizationId_StoreAddress_WooOrderId",
                table: "Sales",
                columns: new[] { "OrganizationId", "StoreAddress", "WooOrderId" },
                unique: true,
                filter: "[StoreAddress] IS NOT NULL AND [WooOrderId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ConsolidationRuns_OrganizationId",
                table: "ConsolidationRuns",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsolidationRuns_StoreId_LocalDate",
                table: "ConsolidationRuns",
                columns: new[] { "StoreId", "LocalDate" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SaleHeldPayments_AccountId",
                table: "SaleHeldPayments",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_SaleHeldPayments_OrganizationId",
                table: "SaleHeldPayments",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_SaleHeldPayments_SaleId",
                table: "SaleHeldPayments",
                column: "SaleId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConsolidationRuns");

            migrationBuilder.DropTable(
                name: "SaleHeldPayments");

            migrationBuilder.DropIndex(
                name: "IX_Sales_OrganizationId_StoreAddress_WooOrderId",
                table: "Sales");

            migrationBuilder.DropColumn(
                name: "StoreTotalsWarning",
                table: "Sales");

            migrationBuilder.CreateIndex(
                name: "IX_Sales_OrganizationId_StoreAddress_WooOrderId",
                table: "Sales",
                columns: new[] { "OrganizationId", "StoreAddress", "WooOrderId" });
        }
    }
}
